// The knowledge base's topics (src/domain/faq/knowledge-base.ts FAQ_TOPICS), for the pages' filters and forms;
// test/console/dashboard-topics.test.ts checks the two lists agree.
export const FAQ_TOPICS = [
  'msme-policy',
  'export-finance',
  'postal-export',
  'ecommerce',
  'gi-tagging',
  'certification',
  'district-profile',
  'events',
  'other',
];
