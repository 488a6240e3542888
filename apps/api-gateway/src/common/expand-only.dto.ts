import { IsExpandList } from './expand.validator.js';

/** A request that takes nothing but `expand`: a GET's query string, or a POST's body. */
export class ExpandOnlyDto {
  @IsExpandList() expand?: string[];
}
