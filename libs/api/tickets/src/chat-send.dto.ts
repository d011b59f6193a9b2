import type { ChatSendRequest } from '@switchboard/shared-contracts';
import { IsString, Length, Matches } from 'class-validator';

export class ChatSendDto implements ChatSendRequest {
  @IsString()
  @Length(8, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'may hold letters, digits, _ and - only' })
  clientMsgId!: string;

  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  body!: string;
}
