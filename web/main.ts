// Placeholder until the dashboard issue: shows that the server is up.
const status = document.querySelector("#status");
fetch("/api/health")
  .then((res) => res.json() as Promise<{ ok: boolean; version: string }>)
  .then((health) => {
    if (status) status.textContent = `Server is up (version ${health.version}). The dashboard is on its way.`;
  })
  .catch(() => {
    if (status) status.textContent = "The server did not answer.";
  });
