// The path the app was opened on: "Back" from there would leave the app, so it goes home
// instead. Kept by `rememberEntry` at start (main.tsx): the screens that offer Back load later.
let entryPath = '/';

export function rememberEntry() {
  entryPath = location.pathname;
}

/** Back to where the reader came from inside the app, or home when they arrived by a link. */
export function goBack(navigate: (to: string) => void) {
  if (location.pathname !== entryPath && history.length > 1) history.back();
  else navigate('/');
}
