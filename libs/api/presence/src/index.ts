export * from './agent-profile.entity';
export * from './agent-status-changed.event';
export * from './set-presence.dto';
export * from './presence.service';
export * from './presence.module';
export * from './agents-led.util';
export * from './whisper-sent.event';
export { mentionInNote } from './whisper.service';
