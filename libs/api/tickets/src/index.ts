export * from './visitor-token.util';
export * from './tickets.exception';
export * from './ticket-events';
export * from './ticket-queries';
export * from './chat-send.dto';
export * from './chat-intake.service';
export * from './tickets.service';
export * from './tickets.module';
