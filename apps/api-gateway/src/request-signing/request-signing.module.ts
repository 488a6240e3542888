import { Module } from '@nestjs/common';
import { ExpiredNoncesPurger } from './expired-nonces.purger.js';
import { RequestNoncesRepository } from './request-nonces.repository.js';
import { SignedRequestStrategy } from './signed-request.strategy.js';

/** HMAC-signed requests at the edge; needs the edge's DatabaseModule (the nonce store) and MessageClient. */
@Module({
  providers: [RequestNoncesRepository, ExpiredNoncesPurger, SignedRequestStrategy],
  exports: [SignedRequestStrategy],
})
export class RequestSigningModule {}
