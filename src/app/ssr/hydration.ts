/**
 * Whether the app is taking over markup the server rendered (src/app/main.tsx sets it before
 * hydrating). Components whose first render in the browser depends on the phone's storage read
 * it to wait for that storage instead of rendering something that does not match the HTML.
 */
let fromServer = false;

export function startFromServerMarkup(): void {
  fromServer = true;
}

export function takingOverServerMarkup(): boolean {
  return fromServer;
}

/** Called once the first page is the app's own (later pages never wait). */
export function serverMarkupTakenOver(): void {
  fromServer = false;
}
