// The login and logout pages: static HTML forms with no script at all, so they work under the strict CSP.

const MESSAGES = {
  wrong: "That password is not right.",
  limited: "Too many attempts: wait a minute and try again.",
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · Stridewise</title>
    <link rel="stylesheet" href="/login.css" />
    <link rel="icon" href="data:," />
  </head>
  <body>
    <main>
      <h1>Stridewise</h1>
${body}
    </main>
  </body>
</html>
`;
}

/** The login form; `problem` says why the last attempt failed. */
export function loginPage(problem: keyof typeof MESSAGES | null): string {
  const alert = problem ? `      <p class="problem" role="alert">${MESSAGES[problem]}</p>\n` : "";
  return page(
    "Log in",
    `${alert}      <form method="post" action="/login">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required autofocus />
        <button type="submit">Log in</button>
      </form>
      <p class="hint">This server was started with <code>STRIDEWISE_PASSWORD</code>.</p>`,
  );
}

/** A button to end the session (a POST, so no link or image elsewhere can log you out). */
export function logoutPage(): string {
  return page(
    "Log out",
    `      <form method="post" action="/logout">
        <button type="submit">Log out</button>
      </form>`,
  );
}

export const LOGIN_CSS = `body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #1b1f24; }
main { max-width: 22rem; margin: 12vh auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
h1 { margin-top: 0; font-size: 1.5rem; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
input { width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; margin-bottom: 1rem; }
button { padding: 0.5rem 1.25rem; font: inherit; cursor: pointer; }
.problem { color: #a4161a; font-weight: 600; }
.hint { color: #555; font-size: 0.875rem; }
`;
