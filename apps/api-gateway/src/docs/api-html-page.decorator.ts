import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';

const HTML = { 'text/html': { schema: { type: 'string' } } };

interface HtmlPageAnswers {
  /** The page shown with a 200. */
  ok: string;
  /** When set, the 303 redirect's meaning (`Location` says where). */
  redirect?: string;
  /** Pages shown with other statuses (404 for a wrong or used link…). */
  errors?: Record<number, string>;
}

/** A page the customer's browser opens: HTML, never JSON, so no JSON schema to match. */
export const ApiHtmlPage = ({ ok, redirect, errors = {} }: HtmlPageAnswers) =>
  applyDecorators(
    ApiProduces('text/html'),
    ApiResponse({ status: 200, description: ok, content: HTML }),
    ...(redirect ? [ApiResponse({ status: 303, description: redirect, headers: { Location: { schema: { type: 'string' } } } })] : []),
    ...Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), description, content: HTML })),
  );
