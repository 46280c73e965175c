import type { NotificationsDictionary } from './en.ts';

export const notificationsKk: NotificationsDictionary = {
  title: 'Хабарламалар',
  empty: 'Әзірге хабарлама жоқ. Пікіріңізге жауап берілсе, ол осында көрінеді.',
  loading: 'Жүктелуде…',
  replied: '{name} пікіріңізге жауап берді',
  replyGone: 'Жауап жасырылды немесе жойылды.',
  deletedUser: 'Жойылған пайдаланушы',
  complaintDecided: 'Шағымыңыз қаралды',
  removed: 'Пікір жойылды',
  left: 'Пікір қалдырылды',
  onPage: '«{title}» материалына',
  unread: 'жаңа',
  close: 'Жабу',
};
