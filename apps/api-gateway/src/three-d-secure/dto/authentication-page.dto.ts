import { IsIn, IsString, Length } from 'class-validator';

export class AuthenticationPageQueryDto {
  @IsString() @Length(1, 128) token!: string;
}

export class AuthenticationFormDto {
  @IsString() @Length(1, 128) token!: string;
  @IsIn(['complete', 'fail']) outcome!: 'complete' | 'fail';
}
