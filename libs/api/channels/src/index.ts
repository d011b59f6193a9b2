export * from './email/html-sanitizer.util';
export * from './email/email-intake.service';
export * from './email/smtp-listener.service';
export * from './social/meta-payload.util';
export * from './social/social-intake.service';
export * from './channels.module';
