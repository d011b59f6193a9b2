import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { ErrorCode, type ErrorBody } from '@switchboard/shared-contracts';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainException } from '../errors/domain.exception';
import { HTTP_STATUS_BY_CODE } from '../errors/error-status.util';

/** Turns every error into `{ error: { code, message, fields?, requestId } }` with the mapped status. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const { status, body } = this.describe(exception, request.id ? String(request.id) : undefined);
    if (status >= 500) this.logger.error({ err: exception, requestId: request.id }, 'request failed');
    if (exception instanceof DomainException && exception.retryAfterSeconds) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(status).json({ error: body });
  }

  private describe(exception: unknown, requestId?: string): { status: number; body: ErrorBody } {
    if (exception instanceof DomainException) {
      return { status: HTTP_STATUS_BY_CODE[exception.code], body: exception.toBody(requestId) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? ErrorCode.NotFound : status === 413 ? ErrorCode.PayloadTooLarge : status === 403 ? ErrorCode.Forbidden : status === 401 ? ErrorCode.AuthRequired : status < 500 ? ErrorCode.ValidationFailed : ErrorCode.Internal;
      const message = status === 404 ? 'No such route.' : status < 500 ? exception.message : 'Something went wrong on our side.';
      return { status, body: { code, message, ...(requestId ? { requestId } : {}) } };
    }
    return { status: 500, body: { code: ErrorCode.Internal, message: 'Something went wrong on our side.', ...(requestId ? { requestId } : {}) } };
  }
}
