import { describe, expect, it } from 'vitest';
// @ts-expect-error: a browser module of the dashboard, plain JS without types.
import { FAQ_TOPICS as PAGE_TOPICS } from '../../src/console/web/static/lib/topics.js';
import { FAQ_TOPICS } from '../../src/domain/faq/knowledge-base.js';

describe("the dashboard's FAQ topics", () => {
  it('are the knowledge base’s, in its order', () => {
    expect(PAGE_TOPICS).toEqual([...FAQ_TOPICS]);
  });
});
