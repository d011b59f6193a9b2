import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@switchboard/shared-contracts';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationException } from '../errors/domain.exception';

/** Flattens class-validator's tree into `field: message` pairs with dotted paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: humanise(message, error.property) }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

function humanise(message: string, property: string): string {
  if (message === `property ${property} should not exist`) return 'is not a known field';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

const options = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
} as const;

/** The global HTTP pipe: unknown fields, wrong types and missing fields all answer VALIDATION_FAILED. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...options,
    exceptionFactory: (errors) => new ValidationException(toFieldErrors(errors)),
  });
}

/** The same rules for socket payloads, which arrive outside Nest's pipe for acknowledged events. */
export async function validatePayload<T extends object>(dto: ClassConstructor<T>, payload: unknown): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ValidationException([{ field: '(payload)', message: 'must be a JSON object' }]);
  }
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, options);
  if (errors.length) throw new ValidationException(toFieldErrors(errors));
  return instance;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a path or body must be a UUID: anything else is a validation error on `field`, never a database error. */
export function checkedUuid(id: string, field: string): string {
  if (!UUID.test(id)) throw new ValidationException([{ field, message: 'must be a UUID' }]);
  return id;
}
