/**
 * The sign-in page: a plain form (it works without JavaScript, and the strict CSP allows no inline script), in Hindi
 * and English, readable on a phone. Its stylesheet is served beside it, not inline, for the same CSP.
 */

export const LOGIN_STYLESHEET_PATH = '/admin/assets/login.css';

export interface LoginPageState {
  /** A message to show above the form, e.g. why the last attempt failed. */
  message?: { hi: string; en: string };
  username?: string;
  /** Where to go once signed in (a path on this site). */
  next?: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

export function loginPage(state: LoginPageState = {}): string {
  const message = state.message
    ? `<p class="message" role="alert"><span lang="hi">${escapeHtml(state.message.hi)}</span><br />` +
      `<span lang="en">${escapeHtml(state.message.en)}</span></p>`
    : '';
  return `<!doctype html>
<html lang="hi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light" />
    <title>निर्यात सेतु · अधिकारी लॉगिन / Niryat Setu · Officers' sign-in</title>
    <link rel="stylesheet" href="${LOGIN_STYLESHEET_PATH}" />
  </head>
  <body>
    <main>
      <h1>निर्यात सेतु <span lang="en">Niryat Setu</span></h1>
      <p class="subtitle">अधिकारी लॉगिन · <span lang="en">Officers' sign-in</span></p>
      ${message}
      <form method="post" action="/admin/api/login">
        <label for="username">यूज़रनेम <span lang="en">Username</span></label>
        <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false"
          required maxlength="32" value="${escapeHtml(state.username ?? '')}" />
        <label for="password">पासवर्ड <span lang="en">Password</span></label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256" />
        <input type="hidden" name="next" value="${escapeHtml(state.next ?? '')}" />
        <button type="submit">साइन इन करें · <span lang="en">Sign in</span></button>
      </form>
      <p class="help">खाता नहीं है? अपने ज़िला एडमिन से पूछें।<br />
        <span lang="en">No account? Ask your district administrator.</span></p>
    </main>
  </body>
</html>
`;
}

export const LOGIN_STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
body {
  margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
  font-family: "Noto Sans", "Noto Sans Devanagari", system-ui, sans-serif; background: #f3f6f4; color: #1d2b24;
}
main { width: 100%; max-width: 24rem; margin: 1rem; padding: 1.5rem; background: #fff; border-radius: 12px;
  box-shadow: 0 2px 12px rgba(0, 0, 0, 0.08); }
h1 { margin: 0; font-size: 1.5rem; color: #075e54; }
h1 span { display: block; font-size: 1rem; font-weight: normal; color: #4a5a52; }
.subtitle { margin: 0.25rem 0 1.25rem; color: #4a5a52; }
form { display: flex; flex-direction: column; gap: 0.4rem; }
label { font-weight: 600; margin-top: 0.6rem; }
label span { font-weight: normal; color: #4a5a52; }
input { font: inherit; padding: 0.7rem; border: 1px solid #b8c4be; border-radius: 8px; width: 100%; }
input:focus { outline: 3px solid #25d36666; border-color: #128c7e; }
button { margin-top: 1.2rem; font: inherit; font-weight: 600; padding: 0.8rem; border: 0; border-radius: 8px;
  background: #128c7e; color: #fff; cursor: pointer; }
button:hover, button:focus { background: #075e54; }
.message { padding: 0.75rem; border-radius: 8px; background: #fdecea; color: #8a1c12; }
.help { margin-top: 1.25rem; font-size: 0.9rem; color: #4a5a52; }
`;
