import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WHISPER_BODY_MAX, type WhisperRequest } from '@switchboard/shared-contracts';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class WhisperDto implements WhisperRequest {
  @ApiProperty({ maxLength: WHISPER_BODY_MAX })
  @IsString()
  @Length(1, WHISPER_BODY_MAX, { message: `must be 1–${WHISPER_BODY_MAX} characters` })
  @Matches(/\S/, { message: 'must not be empty' })
  body!: string;

  @ApiPropertyOptional({ description: 'A ticket of a client the agent serves.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a ticket id' })
  ticketId?: string;
}
