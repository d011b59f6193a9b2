import type { ChatSendRequest, CsatRequest, TypingState, VisitorProfile } from '@switchboard/shared-contracts';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';

export class ChatSendDto implements ChatSendRequest {
  @IsString()
  @Length(8, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'may hold letters, digits, _ and - only' })
  clientMsgId!: string;

  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  body!: string;
}

export class VisitorProfileDto implements VisitorProfile {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name!: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  email!: string | null;
}

export class TypingDto implements TypingState {
  @IsBoolean()
  typing!: boolean;
}

export class CsatDto implements CsatRequest {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
