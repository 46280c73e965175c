import { describe, expect, it } from 'vitest';
import { errorStatus } from '../../shared/errors.ts';
import { authDictionaries } from '../../shared/i18n/auth/dictionaries.ts';
import { authEn } from '../../shared/i18n/auth/en.ts';
import { secondsText } from '../../shared/i18n/auth/seconds.ts';
import { languages } from '../../shared/i18n/index.ts';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';
import { en } from '../../shared/i18n/reader/en.ts';
import { ru } from '../../shared/i18n/reader/ru.ts';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'object' && inner !== null ? keys(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('dictionaries', () => {
  it('have the same keys in every language, none empty', () => {
    for (const lang of languages) {
      const dict = readerDictionaries[lang];
      expect(keys(dict).sort()).toEqual(keys(en).sort());
      for (const key of keys(dict)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], dict);
        expect(typeof value === 'string' && value.trim().length > 0, `${lang}.${key}`).toBe(true);
      }
    }
  });

  it('translate every error code the server can answer', () => {
    for (const code of Object.keys(errorStatus)) expect(Object.keys(en.errors)).toContain(code);
  });

  it('use the customer texts verbatim in Russian', () => {
    expect(ru.thread.header).toBe('Комментарии');
  });

  it('have every auth text in every language, none empty', () => {
    for (const lang of languages) {
      const dict = authDictionaries[lang];
      expect(keys(dict).sort()).toEqual(keys(authEn).sort());
      for (const key of keys(dict)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], dict);
        expect(typeof value === 'string' && value.trim().length > 0, `${lang}.auth.${key}`).toBe(true);
      }
    }
  });

  it('use rows 2–22 of the customer texts verbatim', () => {
    const a = authDictionaries.ru;
    expect(ru.account).toMatchObject({
      signOut: 'Выйти',
      prompt: 'Авторизуйтесь, чтобы отправить комментарий',
      register: 'Новый пользователь? Регистрация',
    });
    expect(a.register.title).toBe('Вам необходимо пройти регистрацию, чтобы отправить комментарий');
    expect(a.register.toSignIn).toBe('Уже есть аккаунт? Вход');
    expect([a.channels.phone, a.channels.email]).toEqual(['По телефону', 'По эл. почте']);
    expect(a.password.rule).toBe(
      'Пароль должен содержать не менее 6 символов. Допустимо использование латинских букв и цифр.',
    );
    expect(a.code.titlePhone).toBe('Введите код доступа из SMS-сообщения');
    expect(a.code.resendIn.replace('{time}', secondsText(a, 'ru', 59))).toBe(
      'Отправить код повторно ( 59 секунд )',
    );
    expect([a.signIn.doneTitle, a.signIn.doneText]).toEqual([
      'Спасибо, что авторизовались',
      'Теперь вы можете оставлять комментарии.',
    ]);
    expect([a.register.doneTitle, a.register.doneText]).toEqual([
      'Вы зарегистрированы',
      'Теперь вы можете оставлять комментарии к материалам портала',
    ]);
    expect([a.signIn.forgot, a.reset.title]).toEqual(['Сменить пароль', 'Сменить пароль']);
    expect(a.reset.text).toBe('Введите номер своего сотового телефона/email для смены пароля');
    expect([a.reset.doneTitle, a.reset.doneText]).toEqual([
      'Пароль успешно изменен',
      'Теперь вы можете авторизоваться',
    ]);
  });

  it("count seconds with each language's plural forms", () => {
    const ru = (n: number) => secondsText(authDictionaries.ru, 'ru', n);
    expect([1, 2, 5, 21, 22, 59].map(ru)).toEqual([
      '1 секунда',
      '2 секунды',
      '5 секунд',
      '21 секунда',
      '22 секунды',
      '59 секунд',
    ]);
    expect(secondsText(authDictionaries.en, 'en', 1)).toBe('1 second');
    expect(secondsText(authDictionaries.kk, 'kk', 21)).toBe('21 секунд');
  });
});
