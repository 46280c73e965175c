import type { VerifyLogin } from '../../server/auth/verify-login.ts';

/** Accepts exactly the contact and password pairs it was told about. */
export function fakeVerifyLogin() {
  const accounts = new Map<string, { password: string; userId: string }>();
  const verify: VerifyLogin = async (contact, password) => {
    const account = accounts.get(contact.value);
    return account && account.password === password ? account.userId : null;
  };
  return {
    verify,
    add(contact: string, password: string, userId: string) {
      accounts.set(contact, { password, userId });
    },
  };
}
