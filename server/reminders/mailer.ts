import nodemailer from 'nodemailer';

export interface Mailer {
  send(email: { messageId: string; to: string[]; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** Sends through the SMTP server at `url`; a refusal or a lost connection rejects. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send({ messageId, to, subject, text }) {
      // A fixed Message-ID: should a process die after the server took the message but before
      // recording it sent, the copy sent again is recognisably the same message.
      await transport.sendMail({ from, to, subject, text, messageId });
    },
    close: () => transport.close(),
  };
}
