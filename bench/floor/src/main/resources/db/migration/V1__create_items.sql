create table item (
    slug      varchar(80) primary key,
    title     varchar(200) not null,
    status    varchar(32) not null,
    tabled_on date not null
);
insert into item (slug, title, status, tabled_on) values
    ('nato-non-expansion', 'NATO non-expansion', 'REJECTED', '2021-12-17'),
    ('withdraw-bucharest-formula', 'Withdraw the Bucharest formula', 'REJECTED', '2021-12-17');
