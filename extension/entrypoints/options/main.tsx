import { render } from 'preact';
import { OptionsPage } from '../../components/options-page';

render(<OptionsPage />, document.getElementById('app')!);
