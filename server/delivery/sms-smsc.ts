/**
 * SMS_PROVIDER=smsc: SMSC.kz, a gateway widely used in Kazakhstan (https://smsc.kz/api/http/).
 * POST /sys/send.php with login, psw, phones, mes, charset=utf-8 and fmt=3 (JSON answers). It
 * answers 200 even when it refuses: {"id": …, "cnt": …} is success, {"error", "error_code"} is not.
 * The form body (not the query string) keeps the password out of proxy and gateway access logs.
 */
import { DeliveryError, type SmsTransport } from './transport.ts';

export interface SmscOptions {
  login: string;
  password: string;
  /** An approved sender name; the account's default when null. */
  sender: string | null;
  /** https://smsc.kz; tests point it at a local server. */
  baseUrl: string;
  timeoutMs?: number;
}

export function smscSms(options: SmscOptions): SmsTransport {
  return {
    async sendSms(to, text) {
      const form = new URLSearchParams({
        login: options.login,
        psw: options.password,
        // With the "+", SMSC does not "correct" the number into another one.
        phones: to,
        mes: text,
        charset: 'utf-8',
        fmt: '3',
      });
      if (options.sender) form.set('sender', options.sender);
      let answer: { id?: number; cnt?: number; error?: string; error_code?: number };
      try {
        const response = await fetch(`${options.baseUrl}/sys/send.php`, {
          method: 'POST',
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        answer = (await response.json()) as typeof answer;
      } catch (error) {
        throw new DeliveryError(`SMSC did not take the SMS: ${(error as Error).message}`);
      }
      if (answer.error !== undefined || answer.id === undefined) {
        throw new DeliveryError(
          `SMSC refused the SMS: error ${answer.error_code ?? '?'} ${answer.error ?? ''}`,
        );
      }
    },
  };
}
