import { render } from 'preact';
import { PopupPage } from '../../components/popup-page';

render(<PopupPage />, document.getElementById('app')!);
