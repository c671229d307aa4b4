/**
 * Words the demo organisation is made of: names, charters, objectives and the
 * fragments notes are composed from. Entirely invented; any resemblance to real
 * people is chance. Edit freely — ids are derived from positions, not from text.
 */
import type { ProgrammeKind } from '../../shared';

export const firstNames = {
  woman: [
    'Sofia',
    'Hannah',
    'Mei',
    'Aisha',
    'Chloe',
    'Elena',
    'Fatima',
    'Grace',
    'Ingrid',
    'Julia',
    'Keiko',
    'Laura',
    'Maya',
    'Nadia',
    'Olivia',
    'Paula',
    'Rosa',
    'Sarah',
    'Tanya',
    'Uma',
    'Valentina',
    'Wanjiru',
    'Yasmin',
    'Zoë',
    'Beatriz',
    'Claire',
    'Daniela',
    'Emma',
    'Freya',
    'Gabriela',
    'Helen',
    'Isabel',
    'Joanna',
    'Leila',
    'Marta',
    'Nkechi',
    'Ana',
    'Siobhan',
  ],
  man: [
    'Ahmed',
    'Ben',
    'Carlos',
    'David',
    'Erik',
    'Felipe',
    'George',
    'Hiroshi',
    'Ibrahim',
    'James',
    'Kwame',
    'Lars',
    'Marco',
    'Nikhil',
    'Oliver',
    'Pedro',
    'Rafael',
    'Samuel',
    'Thomas',
    'Umar',
    'Victor',
    'William',
    'Xavier',
    'Yusuf',
    'Adrian',
    'Bruno',
    'Chen',
    'Daniel',
    'Emeka',
    'Finn',
    'Gustavo',
    'Henrik',
    'Ivan',
    'Jonas',
    'Kenji',
    'Luca',
    'Mateo',
    'Omar',
    'Patrick',
  ],
  /** Used by people of any gender, and by every non-binary person in the demo. */
  neutral: ['Alex', 'Sam', 'Robin', 'Jordan', 'Kai', 'Noor', 'Charlie', 'Rowan', 'Jesse', 'Ari', 'Quinn', 'Sasha'],
} as const;

export const surnames = [
  'Andersson',
  'Baptiste',
  'Chowdhury',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fernandes',
  'Fischer',
  'García',
  'Haddad',
  'Hansen',
  'Jensen',
  'Kaur',
  'Khan',
  'Kowalski',
  'Lambert',
  'Li',
  'Lindqvist',
  'López',
  'Mensah',
  'Moreau',
  'Murphy',
  'Nakamura',
  'Nguyen',
  'Novak',
  "O'Brien",
  'Osei',
  'Park',
  'Patel',
  'Pereira',
  'Rahman',
  'Reyes',
  'Rossi',
  'Sato',
  'Schmidt',
  'Silva',
  'Singh',
  'Sousa',
  'Svensson',
  'Tanaka',
  'Thompson',
  'van Dijk',
  'Vásquez',
  'Wagner',
  'Walsh',
  'Wang',
  'Weber',
  'Williams',
  'Yamamoto',
  'Zhang',
  'Adeyemi',
  'Bianchi',
  'Campbell',
  'Delgado',
  'Eze',
  'Farah',
  'Gallagher',
  'Hoffmann',
  'Iyer',
  'Jovanović',
  'Kim',
  'Larsen',
  'Mahmoud',
  'Nilsson',
  'Ortiz',
  'Petrov',
  'Romero',
  'Santos',
  'Takahashi',
  'Usman',
  'Varga',
  'Wong',
  'Yılmaz',
  'Zimmermann',
  'Boateng',
  "D'Souza",
  'MacLeod',
  'Achterberg',
  'Kariuki',
  'Ferreira',
] as const;

export const functions = [
  'Finance',
  'Technology',
  'Operations',
  'Sales',
  'Marketing',
  'People',
  'Legal',
  'Product',
  'Supply Chain',
  'Customer Success',
  'Strategy',
] as const;

/** The function of the outside operators who sit on advisory councils. */
export const advisorFunction = 'External advisor';

export const programmes: Record<ProgrammeKind, { name: string; charter: string }> = {
  reverse: {
    name: 'Reverse Mentoring: Digital & Customer',
    charter:
      'Early-career colleagues from Technology, Product and Customer Success mentor members of the executive ' +
      'and senior leadership teams on digital channels, customer behaviour and workplace culture. Mentors set ' +
      'the agenda; leaders share how decisions are made and open their networks in return. Pairs meet at least ' +
      'twice a quarter, and what is said in the room stays there.',
  },
  advisory: {
    name: 'Executive Advisory Council',
    charter:
      'Seasoned outside operators review the assumptions behind our largest bets — market entry, pricing and ' +
      'the operating model — and challenge inertia. Councils advise; decisions stay with the executives who own ' +
      'them. Each council meets at least once a quarter against a written pre-read.',
  },
  rotation: {
    name: 'Leadership Rotations',
    charter:
      'Leaders spend two to four weeks embedded in an unfamiliar function on a concrete, scoped project, with a ' +
      'host who owns the work. Rotator and host check in at least twice while the rotation runs, and the rotator ' +
      'writes a reflective debrief within two weeks of returning.',
  },
  classic: {
    name: 'Leadership Mentoring Circle',
    charter:
      'Senior leaders mentor high-potential managers and early-career colleagues outside their own reporting ' +
      'line. Mentees bring written learning objectives to the first session; pairs meet at least twice a quarter ' +
      'for a year and review progress against the objectives at the mid-point.',
  },
};

export const objectives: Record<ProgrammeKind, readonly string[]> = {
  reverse: [
    'Understand how customers under 30 discover and compare our products',
    'Use generative AI tools hands-on, not only in board papers',
    'Hear unfiltered how early-career colleagues experience hybrid work',
    'Learn how our competitors show up on social channels',
    'Get fluent in the data our product teams use every day',
    'Understand why graduates turn down our offers',
  ],
  advisory: [
    'Pressure-test the pricing model for the mid-market segment',
    'Challenge the assumptions behind the APAC market entry plan',
    'Review the operating model for the shared-services centre',
    'Sharpen the investment case for the logistics platform',
  ],
  rotation: [
    'Ship a supplier scorecard prototype with the Supply Chain team',
    'Run a customer-churn deep dive with Customer Success',
    'Redesign the month-end close checklist with Finance',
    'Map the returns journey end to end with Operations',
    'Draft the pricing playbook with Sales and Product',
  ],
  classic: [
    'Prepare for a first people-manager role',
    'Build a network outside my own function',
    'Get better at presenting to the executive team',
    'Learn to negotiate budgets and headcount',
    'Plan the next two years of my career deliberately',
    'Handle conflict in a cross-functional team',
  ],
};

/** Notes are composed as "<opening> <topic>. <insight> <next step>". */
export const noteParts: Record<ProgrammeKind, { topics: readonly string[]; insights: readonly string[]; actions: readonly string[] }> = {
  reverse: {
    topics: [
      'how customers actually use the mobile app',
      'the generative AI pilot in the contact centre',
      'what early-career staff think of the hybrid policy',
      'our presence on short-video platforms',
      'why the new expense tool gets bypassed',
      'what graduates compare when choosing an employer',
    ],
    insights: [
      'Far more of the journey starts on social than our dashboards suggest.',
      'The tool is fine; the approval chain behind it is what people avoid.',
      'Hearing it from the people doing the work landed differently from the survey.',
      'The team is further ahead than the steering committee thinks.',
      'Most of the friction is in the first week, not the first month.',
    ],
    actions: [
      'Sit in on a customer-support shift',
      'Try the app end to end without help',
      'Share the graduate feedback with the People team',
      'Ask the pilot team for a live demo at the next offsite',
      'Follow three creators our customers watch',
      'Write up what surprised me for the leadership team',
    ],
  },
  advisory: {
    topics: [
      'the mid-market pricing proposal',
      'the APAC entry sequencing',
      'the shared-services business case',
      'the logistics platform investment',
    ],
    insights: [
      'The council pushed hard on the churn assumption; it rests on one pilot.',
      'We are solving for the board deck rather than the customer.',
      'The payback period only works if we keep the current headcount plan.',
      'Two advisors had seen this fail elsewhere for the same reason.',
    ],
    actions: [
      'Rerun the model with a pessimistic churn case',
      'Circulate the pre-read a week earlier next time',
      'Bring the regional leads to the next council',
      'Write down the decision and the dissent',
      'Check the assumptions with two customers',
    ],
  },
  rotation: {
    topics: [
      'the scope of the rotation project',
      'progress on the prototype',
      'how decisions get made in the host team',
      'what to hand over at the end of the rotation',
    ],
    insights: [
      'The host team works in much shorter cycles than we do.',
      'Scope is right; the data access took a week longer than planned.',
      'Half the value is in the informal conversations at stand-up.',
      'The handover needs an owner, not just a document.',
    ],
    actions: [
      'Agree the demo date with the host',
      'Book a handover with the owning team',
      'Draft the debrief outline',
      'Get read access to the production data',
      'Shadow the weekly planning meeting',
    ],
  },
  classic: {
    topics: [
      'the mid-year review conversation',
      'building a network outside Finance',
      'the board presentation next month',
      'a difficult conversation with a peer',
      'the move into a first management role',
      'the budget negotiation',
    ],
    insights: [
      'Preparation beat improvisation every time we role-played it.',
      'The real stakeholder is not the one on the org chart.',
      'Saying no earlier would have saved two weeks of rework.',
      'Asking for feedback directly worked better than waiting for it.',
    ],
    actions: [
      'Draft the presentation storyline and send it over',
      'Set up coffee with two leaders outside my function',
      'Ask my manager for the stretch project',
      'Write down three options before the negotiation',
      'Read the chapter on delegation we discussed',
      'Book the next session before the quarter ends',
    ],
  },
};

export const noteOpenings = ['Talked through', 'Spent most of the hour on', 'Went deep on', 'Started with', 'Came back to'] as const;

/** What each kind of programme's objectives serve: a strategic goal or a business cycle. */
export const objectiveGoals: Record<ProgrammeKind, readonly string[]> = {
  reverse: ['Digital-first customer strategy', 'FY27 talent plan', 'Product launch cycle (spring)', 'Hybrid work policy review'],
  advisory: ['Mid-market growth plan', 'APAC expansion', 'Operating model 2027', 'Capital allocation review'],
  rotation: ['Cost-to-serve programme', 'Customer retention goal', 'Quarter-end close', 'Returns reduction target'],
  classic: ['Leadership pipeline', 'Cross-functional delivery', 'Annual planning cycle', 'Talent review cycle'],
};

/** How the learner will know: a signal someone else could observe. */
export const successSignals: Record<ProgrammeKind, readonly string[]> = {
  reverse: [
    'I can explain it to my leadership team without notes',
    'Two decisions this quarter cite what I learned',
    'My mentor says I ask sharper questions',
  ],
  advisory: ['The board paper reflects the council’s challenge', 'A decision is taken with the advice on record'],
  rotation: ['The host team uses the deliverable after I leave', 'The debrief names one change I made at home'],
  classic: ['My manager sees it in my next review', 'I lead one meeting of this kind unaided', 'Three colleagues notice the change'],
};
