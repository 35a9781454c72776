/**
 * Outgoing email (verification and password-reset links). Through SMTP when SMTP_URL is
 * set; otherwise the message, link included, is written to the server log so an
 * operator without a mail server can still hand it over.
 */
import type { Transporter } from "nodemailer";
import type { Logger } from "pino";
import type { Config } from "./config";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The one link the email is about (logged when there is no SMTP). */
  link: string;
}

export interface Mailer {
  /** True when mail really leaves the machine. */
  readonly delivers: boolean;
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(config: Pick<Config, "SMTP_URL" | "SMTP_FROM">, log: Logger): Mailer {
  if (!config.SMTP_URL) {
    return {
      delivers: false,
      send: async (mail) => {
        log.info({ to: mail.to, link: mail.link }, `email not sent (no SMTP_URL): ${mail.subject}: ${mail.link}`);
      },
      close: () => {},
    };
  }
  const url = config.SMTP_URL;
  // nodemailer loads with the first mail, not at start.
  let transport: Promise<Transporter> | undefined;
  return {
    delivers: true,
    send: async (mail) => {
      try {
        transport ??= import("nodemailer").then((m) => m.default.createTransport(url));
        await (await transport).sendMail({ from: config.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text });
      } catch (err) {
        // The person sees "we sent a link"; the operator sees why it did not arrive.
        log.error({ err, to: mail.to }, `email failed: ${mail.subject}`);
      }
    },
    close: () => void transport?.then((t) => t.close(), () => undefined),
  };
}
