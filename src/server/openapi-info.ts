// Title, version and top-level description of the OpenAPI document.
export const API_TITLE = 'fivefin API';
export const API_VERSION = '0.1.0';
export const API_DESCRIPTION =
  '金融“五篇大文章”平台 API / API of the platform for the five areas of finance (Chongqing). ' +
  'Session cookie authentication; errors are { code, message_zh, message_en, details? }. See docs/api.md.';
