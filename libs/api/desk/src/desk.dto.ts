import { CANNED_BODY_MAX, CANNED_SHORTCUT_PATTERN, CANNED_TITLE_MAX, DISPOSITION_CODE_PATTERN, DISPOSITION_LABEL_MAX, type CannedResponseRequest, type DispositionRequest } from '@switchboard/shared-contracts';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CannedResponseDto implements CannedResponseRequest {
  @IsString()
  @Matches(CANNED_SHORTCUT_PATTERN, { message: 'may hold lowercase letters, digits, - and _ (up to 32), starting with a letter or digit' })
  shortcut!: string;

  @IsString()
  @Length(1, CANNED_TITLE_MAX)
  title!: string;

  @IsString()
  @Length(1, CANNED_BODY_MAX)
  @Matches(/\S/, { message: 'must not be empty' })
  body!: string;
}

export class DispositionDto implements DispositionRequest {
  @IsString()
  @Matches(DISPOSITION_CODE_PATTERN, { message: 'may hold lowercase letters, digits and _ (up to 40), starting with a letter or digit' })
  code!: string;

  @IsString()
  @Length(1, DISPOSITION_LABEL_MAX)
  label!: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** A change to a disposition: its label, or retiring it (the code itself never changes: reports group by it). */
export class DispositionChangeDto {
  @IsOptional()
  @IsString()
  @Length(1, DISPOSITION_LABEL_MAX)
  label?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
