// The staff console's entry (/staff/): sign-in with password and TOTP, the 1022 queue, the
// units' workspace, phone intake; the dashboard and administration follow.
import { render } from 'preact';
import '../shared/styles.css';
import './staff.css';
import { interceptLinks } from './router';
import { StaffApp } from './StaffApp';

const root = document.getElementById('root');
if (root) {
  interceptLinks(root);
  render(<StaffApp />, root);
}
