import type { MessagesDictionary } from './en.ts';

export const messagesRu: MessagesDictionary = {
  registerCodeSms: 'Код {code} для регистрации на {site}. Никому не сообщайте его.',
  resetCodeSms: 'Код {code} для смены пароля на {site}. Никому не сообщайте его.',
  deleteAccountCodeSms:
    'Код {code} для удаления аккаунта на {site}. Если вы его не запрашивали, никому не сообщайте его.',
  registeredSms: 'У вас уже есть аккаунт на {site}. Войдите или смените пароль, если забыли его.',
  registerCodeSubject: 'Код для регистрации на {site}',
  resetCodeSubject: 'Код для смены пароля на {site}',
  deleteAccountCodeSubject: 'Код для удаления аккаунта на {site}',
  codeIntro: 'Ваш код доступа:',
  codeValidity:
    'Код действует 10 минут. Никому не сообщайте его. Если вы не запрашивали код, просто проигнорируйте это письмо.',
  registeredSubject: 'У вас уже есть аккаунт на {site}',
  registeredText:
    'Кто-то, возможно вы, пытался зарегистрироваться на {site} с этим адресом эл. почты. У вас уже есть аккаунт: войдите или смените пароль, если забыли его. Если это были не вы, просто проигнорируйте это письмо.',
  footer: 'Это письмо отправлено сервисом комментариев {site}.',
};
