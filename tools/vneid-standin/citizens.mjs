// Made-up citizens the stand-in can sign in as. None of these people or numbers exist.
//
// National ID numbers follow the 12-digit CCCD layout: 3-digit province code (079 = Hồ Chí Minh City),
// one digit for sex and century (0/1 = male/female born 1900-1999, 2/3 = male/female born 2000-2099),
// two digits of the birth year, then six digits that we invented.

export const citizens = [
  {
    sub: 'vneid-demo-0001',
    family_name: 'Nguyễn',
    middle_name: 'Văn',
    given_name: 'An',
    birthdate: '1985-03-12',
    gender: 'male',
    phone_number: '+84901234561',
    national_id_number: '079085012345',
  },
  {
    sub: 'vneid-demo-0002',
    family_name: 'Trần',
    middle_name: 'Thị Bích',
    given_name: 'Ngọc',
    birthdate: '1992-07-25',
    gender: 'female',
    phone_number: '+84912345672',
    national_id_number: '079192004567',
  },
  {
    sub: 'vneid-demo-0003',
    family_name: 'Lê',
    middle_name: 'Hoàng',
    given_name: 'Phúc',
    birthdate: '2001-11-02',
    gender: 'male',
    phone_number: '+84387654323',
    national_id_number: '079201098765',
  },
  {
    sub: 'vneid-demo-0004',
    family_name: 'Phạm',
    middle_name: 'Thị Thu',
    given_name: 'Hà',
    birthdate: '1978-01-30',
    gender: 'female',
    phone_number: '+84978123454',
    national_id_number: '079178123450',
  },
  {
    sub: 'vneid-demo-0005',
    family_name: 'Võ',
    middle_name: 'Minh',
    given_name: 'Khoa',
    birthdate: '1960-09-09',
    gender: 'male',
    phone_number: '+84909876545',
    national_id_number: '079060246801',
  },
  {
    sub: 'vneid-demo-0006',
    family_name: 'Đặng',
    middle_name: 'Ngọc',
    given_name: 'Lan Anh',
    birthdate: '2004-05-18',
    gender: 'female',
    phone_number: '+84935112236',
    national_id_number: '079304135792',
  },
].map((citizen) => Object.freeze({
  ...citizen,
  name: `${citizen.family_name} ${citizen.middle_name} ${citizen.given_name}`,
  phone_number_verified: true,
}));

const by_sub = new Map(citizens.map((citizen) => [citizen.sub, citizen]));

export function find_citizen(sub) {
  return by_sub.get(sub);
}

// oidc-provider's findAccount contract: an object with accountId and claims(); the provider filters
// the returned claims down to what the granted scopes and claims allow.
export async function find_account(_ctx, sub) {
  const citizen = by_sub.get(sub);
  if (!citizen) return undefined;
  return {
    accountId: sub,
    async claims() {
      const name = [citizen.family_name, citizen.middle_name, citizen.given_name].filter(Boolean).join(' ');
      // Every demo e-mail address is at example.vn, a domain that receives no mail.
      const email = `${citizen.sub}@example.vn`;
      return { ...citizen, name, email, email_verified: false };
    },
  };
}
