// The citizen app's entry: renders the app and registers the service worker (scope /app/).
import { render } from 'preact';
import '../shared/styles.css';
import './app.css';
import { App } from './App';
import { interceptLinks } from './router';
import { registerServiceWorker } from './offline/register';

const root = document.getElementById('root');
if (root) {
  interceptLinks(document.body);
  render(<App />, root);
}
registerServiceWorker();
