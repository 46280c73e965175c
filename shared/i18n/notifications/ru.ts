import type { NotificationsDictionary } from './en.ts';

export const notificationsRu: NotificationsDictionary = {
  title: 'Уведомления',
  empty: 'Уведомлений пока нет. Когда вам ответят, ответ появится здесь.',
  loading: 'Загрузка…',
  replied: '{name} отвечает на ваш комментарий',
  replyGone: 'Ответ скрыт или удалён.',
  deletedUser: 'Удалённый пользователь',
  complaintDecided: 'Ваша жалоба рассмотрена',
  removed: 'Комментарий удалён',
  left: 'Комментарий оставлен',
  onPage: 'К материалу «{title}»',
  unread: 'новое',
  close: 'Закрыть',
};
