import { Module } from '@nestjs/common';
import { PingHandler } from './ping.handler.js';

@Module({ controllers: [PingHandler] })
export class HealthModule {}
