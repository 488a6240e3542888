import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Access } from '../authentication/access.decorator.js';
import { OPENAPI_DOCUMENT } from './openapi.document.js';

const swaggerUiDir = join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');
const SWAGGER_ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']);

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Payrail API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs' });</script></body></html>`;

@Access({ public: true })
@Controller()
export class DocsController {
  @Get('openapi.json')
  openapi() {
    return OPENAPI_DOCUMENT;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  docs() {
    return DOCS_PAGE;
  }

  @Get('docs/assets/:file')
  async asset(@Param('file') file: string, @Res() res: Response) {
    if (!SWAGGER_ASSETS.has(file)) throw new NotFoundException();
    res.type(file.endsWith('.css') ? 'text/css' : 'application/javascript');
    res.send(await readFile(join(swaggerUiDir, file)));
  }
}
