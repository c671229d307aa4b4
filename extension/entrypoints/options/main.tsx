import { render } from 'preact';
import { SignedOut } from '../../components/signed-out';

render(<SignedOut where="options" />, document.getElementById('app')!);
