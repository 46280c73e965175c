/**
 * How codes and notices leave the server. One `Delivery` is chosen at start-up (from-config.ts);
 * the routes never know which gateway is behind it.
 */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Built from fixed text and the message's values, every one of them HTML-escaped. */
  html: string;
  /** Extra headers, such as List-Unsubscribe (RFC 8058) on reply notifications. */
  headers?: Record<string, string>;
}

export interface SmsTransport {
  /** `to` is E.164. Resolves once the gateway has taken the message; throws DeliveryError. */
  sendSms(to: string, text: string): Promise<void>;
}

export interface EmailTransport {
  /** Resolves once the mail server has taken the message; throws DeliveryError. */
  sendEmail(message: EmailMessage): Promise<void>;
}

export interface Delivery extends SmsTransport, EmailTransport {}

/** The gateway or mail server refused the message or did not answer in time. */
export class DeliveryError extends Error {}

export function combineTransports(sms: SmsTransport, email: EmailTransport): Delivery {
  return {
    sendSms: (to, text) => sms.sendSms(to, text),
    sendEmail: (message) => email.sendEmail(message),
  };
}
