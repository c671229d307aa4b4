import { render } from 'preact';
import { DashboardPage } from '../../dashboard/dashboard-page';

render(<DashboardPage />, document.getElementById('app')!);
