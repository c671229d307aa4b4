// The fiscal calendar lives in the shared rules layer (the dashboard uses the same maths).
export * from '../../shared/rules/calendar';
