import { ApiProperty } from '@nestjs/swagger';
import type { ChangePasswordRequest, LoginRequest, RefreshRequest } from '@switchboard/shared-contracts';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'agent1@switchboard.demo' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email!: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @Length(1, 1024)
  password!: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 12 characters, not a common password, not containing your email.' })
  @IsString()
  @Length(1, 1024)
  newPassword!: string;
}
