// The citizen app's entry: renders the app and registers the service worker (scope /app/).
import { render } from 'preact';
import '../shared/styles.css';
import './app.css';
import { App } from './App';
import { interceptLinks, navigate } from './router';
import { registerServiceWorker } from './offline/register';

const root = document.getElementById('root');
if (root) {
  interceptLinks(document.body);
  render(<App />, root);
}
registerServiceWorker();

// A tapped push notification: the service worker asks this window to show its address.
navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string; url?: string }>) => {
  const url = event.data?.url;
  if (event.data?.type === 'cds.navigate' && url?.startsWith('/app')) navigate(url.slice('/app'.length) || '/');
});
