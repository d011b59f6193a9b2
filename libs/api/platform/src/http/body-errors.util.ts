import { ErrorCode, type ErrorResponse } from '@switchboard/shared-contracts';
import type { NextFunction, Request, Response } from 'express';

/**
 * Express error handler placed right after the JSON body parser: malformed JSON and oversized bodies
 * are refused in the same error shape as everything else, before any route runs.
 */
export function bodyErrorHandler(error: { type?: string; status?: number }, req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
  const requestId = req.id ? String(req.id) : undefined;
  const reply = (status: number, body: ErrorResponse) => void res.status(status).json(body);
  if (error?.type === 'entity.parse.failed') {
    return reply(400, { error: { code: ErrorCode.MalformedJson, message: 'The request body is not valid JSON.', requestId } });
  }
  if (error?.type === 'entity.too.large') {
    return reply(413, { error: { code: ErrorCode.PayloadTooLarge, message: 'The request body is too large.', requestId } });
  }
  if (error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') {
    return reply(415 as number, { error: { code: ErrorCode.ValidationFailed, message: 'Unsupported body encoding.', requestId } });
  }
  next(error);
}

/**
 * Error handler after the raw body reader of file uploads: a file over the limit is refused with a
 * message that names the limit (the body was read off and dropped: nothing is stored).
 */
export function uploadBodyErrorHandler(limitBytes: number) {
  return (error: { type?: string; length?: number }, req: Request & { id?: unknown }, res: Response, next: NextFunction): void => {
    if (error?.type !== 'entity.too.large') return bodyErrorHandler(error, req, res, next);
    const requestId = req.id ? String(req.id) : undefined;
    const size = typeof error.length === 'number' && Number.isFinite(error.length) ? `The file is ${error.length.toLocaleString('en')} bytes; attachments` : 'Attachments';
    const megabytes = Number((limitBytes / 1_048_576).toFixed(2));
    const message = `${size} may be at most ${megabytes} MB (${limitBytes.toLocaleString('en')} bytes). Nothing was stored.`;
    const body: ErrorResponse = { error: { code: ErrorCode.PayloadTooLarge, message, fields: [{ field: 'file', message: `must be at most ${limitBytes} bytes` }], requestId } };
    res.status(413).json(body);
  };
}
