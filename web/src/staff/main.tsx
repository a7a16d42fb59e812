// The staff console's entry (/staff/). This slice: sign-in with password and TOTP.
import { render } from 'preact';
import '../shared/styles.css';
import './staff.css';
import { StaffApp } from './StaffApp';

const root = document.getElementById('root');
if (root) render(<StaffApp />, root);
