import type { RejectOfferRequest, TransferRequest, TransferTarget } from '@switchboard/shared-contracts';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

export class RejectOfferDto implements RejectOfferRequest {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class TransferTargetDto {
  @IsIn(['queue', 'agent', 'team'])
  kind!: TransferTarget['kind'];

  @ValidateIf((t: TransferTargetDto) => t.kind === 'queue')
  @IsUUID()
  queueId?: string;

  @ValidateIf((t: TransferTargetDto) => t.kind === 'agent')
  @IsUUID()
  agentId?: string;

  @ValidateIf((t: TransferTargetDto) => t.kind === 'team')
  @IsUUID()
  teamId?: string;
}

export class TransferDto {
  @ValidateNested()
  @Type(() => TransferTargetDto)
  target!: TransferTargetDto;

  @IsIn(['warm', 'cold'])
  mode!: TransferRequest['mode'];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** Keeps only the id field of the target's kind, so a body cannot smuggle a second target. */
export function transferRequestOf(dto: TransferDto): TransferRequest {
  const t = dto.target;
  const target: TransferTarget = t.kind === 'queue' ? { kind: 'queue', queueId: t.queueId! } : t.kind === 'agent' ? { kind: 'agent', agentId: t.agentId! } : { kind: 'team', teamId: t.teamId! };
  return { target, mode: dto.mode, note: dto.note };
}

