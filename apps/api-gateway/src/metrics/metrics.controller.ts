import { Controller, Get, Res } from '@nestjs/common';
import { PayrailMetrics } from '@payrail/messaging';
import type { Response } from 'express';
import { Access } from '../authentication/access.decorator.js';

/**
 * Prometheus scrapes this process's registry (in the all-in-one process, every service's). Mounted only
 * with PAYRAIL_EDGE_METRICS=on: this port faces the internet, and what is served here (routes, volumes,
 * error rates) is for operators, so a deployment that publishes the edge must also keep `/metrics` off its
 * ingress (k8s/ does) or leave it off and scrape the backends' health ports.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PayrailMetrics) {}

  @Access({ public: true })
  @Get()
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const text = await this.metrics.exposition();
    res.setHeader('content-type', this.metrics.contentType);
    return text;
  }
}
