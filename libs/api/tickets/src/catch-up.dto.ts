import type { SyncCursor, SyncRequest } from '@switchboard/shared-contracts';
import { CATCH_UP_MAX_TICKETS } from '@switchboard/shared-domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';

export class SyncCursorDto implements SyncCursor {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  afterSeq!: number;
}

/** `messages.sync`: the recipient's cursor, one entry per ticket it follows. */
export class SyncRequestDto implements SyncRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CATCH_UP_MAX_TICKETS)
  @ValidateNested({ each: true })
  @Type(() => SyncCursorDto)
  cursors!: SyncCursorDto[];
}
