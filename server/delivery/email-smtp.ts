/**
 * Email over SMTP with nodemailer: SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit
 * TLS) and MAIL_FROM. Every message has a plain-text and an HTML part. Timeouts keep a stalled
 * mail server from holding requests open.
 */
import nodemailer from 'nodemailer';
import { DeliveryError, type EmailTransport } from './transport.ts';

export function smtpEmail(url: string, from: string): EmailTransport & { close(): void } {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
  return {
    async sendEmail(message) {
      try {
        await transporter.sendMail({
          from,
          // An address object, not a string nodemailer would parse as a list of recipients.
          to: { name: '', address: message.to },
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.headers ? { headers: message.headers } : {}),
        });
      } catch (error) {
        throw new DeliveryError(`the mail server did not take the email: ${(error as Error).message}`);
      }
    },
    close: () => transporter.close(),
  };
}
