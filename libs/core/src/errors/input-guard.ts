import type { NextFunction, Request, Response } from 'express';
import { DomainError } from './domain-error';

// Names every object already has (toString, __proto__, …): no field of ours is called
// that, and class-validator's whitelist cannot see them as unknown, so refuse them here.
const FORBIDDEN_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const MAX_DEPTH = 20;
// A UTF-16 surrogate without its pair: JSON can carry it, UTF-8 (and so Postgres) cannot.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses, with a 400 naming the field, what no DTO should ever see and what
 * Postgres cannot store: NUL characters and unpaired surrogates, and keys
 * that could reach an object's prototype. Runs on every parsed body and query.
 */
export function findInputProblem(value: unknown, path: string, depth = 0): { field: string; reason: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path, reason: 'must not contain NUL characters' };
    return LONE_SURROGATE.test(value) ? { field: path, reason: 'must be well-formed Unicode text' } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return { field: path, reason: 'is nested too deeply' };
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return { field, reason: 'is not an accepted field name' };
    if (key.includes('\u0000') || LONE_SURROGATE.test(key))
      return { field: path || 'body', reason: 'field names must not contain NUL characters' };
    const problem = findInputProblem((value as Record<string, unknown>)[key], field, depth + 1);
    if (problem) return problem;
  }
  return null;
}

export function inputGuard(req: Request, _res: Response, next: NextFunction): void {
  const problem = findInputProblem(req.body, '') ?? findInputProblem(req.query, '') ?? findInputProblem(req.params, '');
  next(problem ? DomainError.field(problem.field || 'body', problem.reason) : undefined);
}
