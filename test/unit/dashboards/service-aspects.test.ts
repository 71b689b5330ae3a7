/** The customer-service dashboard lists exactly the aspects the scorer finds. */
import { expect, it } from 'vitest';
import { SERVICE_ASPECTS } from '../../../dashboards/panels/index.js';
import { ASPECTS } from '../../../sentiment/aspects.js';

it('SERVICE_ASPECTS equals the sentiment engine ASPECTS', () => {
  expect([...SERVICE_ASPECTS].sort()).toEqual([...ASPECTS].sort());
});
