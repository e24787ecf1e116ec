import type { EthnicGroup } from '../../shared/ethnicity.js';

// Invented names for the synthetic demo. Combinations are drawn at random, so no list pairs a given
// name with a family name; none is meant to be, or is built from, a public figure. The lists
// deliberately include macrons, hyphens, apostrophes, spaces and long names, because those are
// what break naive search, sorting and export code.

export interface NamePool {
  /** Relative share of families drawn from this pool. */
  weight: number;
  /** Ethnicities recorded for people drawn from this pool (one is picked per person): Stats NZ level 1 groups, as the import records them. */
  ethnicities: readonly EthnicGroup[];
  female: readonly string[];
  male: readonly string[];
  family: readonly string[];
  /** Whether to record iwi affiliations for some people drawn from this pool. */
  iwi: boolean;
}

const maori: NamePool = {
  weight: 32,
  ethnicities: ['Māori'],
  iwi: true,
  female: [
    'Mere', 'Āwhina', 'Ngāio', 'Aroha', 'Hine', 'Kiri', 'Mereana', 'Tūī', 'Huia', 'Pania', 'Marama',
    'Ngāhuia', 'Atawhai', 'Kahurangi', 'Māhina', 'Waiora', 'Ārani', 'Wikitoria-Rangimārie', 'Kōwhai',
    'Hinemoana', 'Te Aomihia',
  ],
  male: [
    'Tāne', 'Wiremu', 'Hēmi', 'Rāwiri', 'Mikaere', 'Tamati', 'Nikau', 'Tipene', 'Hōhepa', 'Rēweti',
    'Manaaki', 'Tūmanako', 'Kauri', 'Matiu', 'Piripi', 'Te Ariki', 'Tamahou', 'Whetū', 'Kahu',
  ],
  family: [
    'Te Rangi-Pōmare', 'Tūhiwai', 'Ngātai', 'Whaanga', 'Te Hīko', 'Rāpana', 'Karaitiana', 'Tāwhiri',
    'Matenga', 'Kōpūtai', 'Ngāwaiata', 'Rāwhiti', 'Te Awa-Hōri', 'Mātārae', 'Pirini', 'Whakarongo',
    'Hūata', 'Te Maro', 'Rangiāwhio', 'Paewai-Tūtoko', 'Te Whāiti-Rangiwhakaahu',
  ],
};

const pakeha: NamePool = {
  weight: 40,
  ethnicities: ['European'],
  iwi: false,
  female: [
    'Sarah', 'Emma', 'Kate', 'Chloe', 'Rebecca', 'Hayley', 'Jessica', 'Brooke', 'Tania', 'Michelle',
    'Olivia', 'Georgia', 'Siobhan', 'Anne-Marie', 'Mary-Jane', 'Zoë', 'Renée',
  ],
  male: [
    'Jason', 'Liam', 'Shane', 'Craig', 'Daniel', 'Bradley', 'Mitchell', 'Connor', 'Jayden', 'Ryan',
    'Jean-Luc', 'Dylan', 'Callum', 'Zane', 'Noël',
  ],
  family: [
    "O'Sullivan-Tūhoe", "D'Arcy", "O'Connell", 'McAllister', 'Fitzgerald-Brown', 'Harrington',
    'Pemberton-Wallis', "O'Hagan", 'Whitcombe', 'Ashworth', 'Kettering', 'Ballantyne-Smythe',
    'McKinnon', 'Featherstonehaugh', 'Delacroix-Wainwright', "D'Souza-Marsh", 'Thornbury',
  ],
};

const pasifika: NamePool = {
  weight: 12,
  ethnicities: ['Pacific Peoples'],
  iwi: false,
  female: [
    'Losana', 'Mele', 'Sina', 'Talia', 'Malia', 'Salote', 'Fetu', 'Teuila', 'Ana-Lisa', 'Lagi',
    "Sā'ili",
  ],
  male: [
    'Sione', 'Tavita', 'Iosefa', 'Viliami', 'Tevita', 'Filipo', 'Ioane', 'Penitoa', 'Sefo', 'Lisiate',
  ],
  family: [
    "Fa'amausili", "Tu'ipulotu-Hansen", 'Leiataua', 'Taufa', 'Havili', 'Aumua', 'Matagi', 'Fonoti',
    "Mata'utia", 'Pulepule', 'Tamapua-Vaifale', 'Lemalu', 'Kupu', "Lealaiauloto-Fa'alogo",
  ],
};

const chinese: NamePool = {
  weight: 5,
  ethnicities: ['Asian'],
  iwi: false,
  female: ['Mei', 'Xiaoling', 'Jia Hui', 'Yan', 'Shu Fen', 'Lian'],
  male: ['Wei', 'Jun', 'Hao', 'Zhi Ming', 'Bo', 'Kai'],
  family: ['Chen', 'Liu', 'Zhang-Whitfield', 'Huang', 'Xu', 'Lin', 'Ouyang'],
};

const indian: NamePool = {
  weight: 6,
  ethnicities: ['Asian'],
  iwi: false,
  female: ['Priya', 'Anjali', 'Simran', 'Harpreet', 'Kavya', 'Deepika'],
  male: ['Arjun', 'Rohan', 'Gurpreet', 'Vikram', 'Sanjay', 'Aditya'],
  family: ['Sharma', 'Singh', 'Patel-Ramasamy', 'Nair', 'Reddy', 'Kaur', 'Venkataraman'],
};

const filipino: NamePool = {
  weight: 5,
  ethnicities: ['Asian'],
  iwi: false,
  female: ['Maria Luisa', 'Jocelyn', 'Rizalyn', 'Cherry Mae', 'Analyn'],
  male: ['Jose Miguel', 'Rodel', 'Mark Anthony', 'Jerome', 'Ramil'],
  family: ['dela Cruz', 'Santos-Villanueva', 'Bautista', 'Reyes', 'Mendoza', 'Macaraeg'],
};

export const NAME_POOLS: readonly NamePool[] = [maori, pakeha, pasifika, chinese, indian, filipino];

/** Names people go by, recorded as a preferred name for a few adults. */
export const PREFERRED_NAMES: readonly string[] = ['Bub', 'Nan', 'Moe', 'Jay', 'Tui', 'Lani', 'Kiki', 'Sonny'];

/** Iwi that a person may record an affiliation with (iwi are peoples, not individuals). */
export const IWI: readonly string[] = [
  'Ngāi Tahu', 'Ngāti Porou', 'Ngāpuhi', 'Waikato-Tainui', 'Ngāti Kahungunu', 'Te Arawa',
  'Ngāti Māmoe', 'Ngāti Toa Rangatira', 'Tūhoe', 'Waitaha',
];

/** Areas of Ōtautahi Christchurch and Canterbury where the demo's episodes happen. */
export const CANTERBURY_AREAS: readonly string[] = [
  'Aranui', 'Linwood', 'Hornby', 'Riccarton', 'Shirley', 'Papanui', 'Rangiora', 'Kaiapoi', 'Ashburton',
  'Phillipstown', 'Hei Hei', 'Ōtautahi CBD', 'Wainoni', 'Bromley', 'Sydenham',
];

/** Areas of Kirikiriroa Hamilton and the Waikato. */
export const WAIKATO_AREAS: readonly string[] = [
  'Frankton', 'Nawton', 'Dinsdale', 'Enderley', 'Fairfield', 'Melville', 'Hamilton East', 'Huntly', 'Ngāruawāhia',
  'Te Awamutu', 'Cambridge', 'Morrinsville', 'Tokoroa', 'Kirikiriroa CBD',
];
