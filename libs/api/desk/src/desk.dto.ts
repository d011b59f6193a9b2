import {
  CANNED_BODY_MAX,
  CANNED_SHORTCUT_PATTERN,
  CANNED_TITLE_MAX,
  DISPOSITION_CODE_PATTERN,
  DISPOSITION_LABEL_MAX,
  type CannedResponseRequest,
  type DispositionChangeRequest,
  type DispositionRequest,
  type PlaybookLink,
  type PlaybookRequest,
} from '@switchboard/shared-contracts';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

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
export class DispositionChangeDto implements DispositionChangeRequest {
  @IsOptional()
  @IsString()
  @Length(1, DISPOSITION_LABEL_MAX)
  label?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PlaybookLinkDto implements PlaybookLink {
  @IsString()
  label!: string;

  @IsString()
  url!: string;
}

/**
 * A whole playbook. The DTO checks its shape (every field, of its type, nothing else: a `clientId`
 * in the body is refused); the service checks its content with `playbookProblems` (limits, http(s)
 * links, known placeholders), so the API and the editor apply one set of rules.
 */
export class PlaybookDto implements PlaybookRequest {
  @IsString()
  greeting!: string;

  @IsString()
  script!: string;

  @IsArray()
  @IsString({ each: true })
  dos!: string[];

  @IsArray()
  @IsString({ each: true })
  donts!: string[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PlaybookLinkDto)
  links!: PlaybookLinkDto[];
}
