import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A session's refresh token, for both refreshing and logging out. */
export class RefreshTokenDto {
  @IsString() @IsNotEmpty() @MaxLength(512) refresh_token!: string;
}
