import { Module } from '@nestjs/common';
import { DashboardAuthController } from './dashboard-auth.controller.js';

/** Dashboard users' sessions: password login, refresh and logout, first-party. */
@Module({ controllers: [DashboardAuthController] })
export class DashboardAuthModule {}
